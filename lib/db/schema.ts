import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { CustodyEntry } from '../evidence/custody.ts';
import type { Annotation } from '../evidence/annotations.ts';
import type { CaptureRecord } from '../evidence/record.ts';
import type { PublicSigningJwk } from '../archive/signing.ts';

export const DB_NAME = 'safelog';

/** One artifact's bytes, apart from the records so that listing never loads an image. */
export interface BlobRow {
  id: string;
  captureId: string;
  blob: Blob;
}

/** A small preview made at capture; never evidence, never exported as such. */
export interface ThumbnailRow {
  captureId: string;
  blob: Blob;
  width: number;
  height: number;
}

/** The key pair that signs exported archives; made once, the private key never extractable. */
export interface SigningKeyRow {
  id: 'archive-signing';
  privateKey: CryptoKey;
  publicJwk: PublicSigningJwk;
  createdAt: string;
}

export interface SafelogDbSchema extends DBSchema {
  captures: {
    key: string;
    value: CaptureRecord;
    indexes: { 'by-captured': string; 'by-platform': string };
  };
  blobs: { key: string; value: BlobRow; indexes: { 'by-capture': string } };
  thumbnails: { key: string; value: ThumbnailRow };
  custody: { key: number; value: CustodyEntry; indexes: { 'by-subject': string } };
  keys: { key: string; value: SigningKeyRow };
  annotations: { key: string; value: Annotation };
}

export type SafelogDb = IDBPDatabase<SafelogDbSchema>;
export type UpgradeTransaction = IDBPTransaction<SafelogDbSchema, StoreNames<SafelogDbSchema>[], 'versionchange'>;

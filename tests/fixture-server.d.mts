export interface FixtureServer {
  origin: string;
  requests: string[];
  close(): Promise<void>;
}
export function startFixtureServer(root?: string, port?: number): Promise<FixtureServer>;

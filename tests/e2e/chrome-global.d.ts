// Code passed to worker.evaluate() runs inside the extension, where `chrome` exists; its event
// objects there also have `dispatch`, which no typings describe.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

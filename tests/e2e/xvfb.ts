import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface VirtualDisplay {
  display: string;
  stop(): void;
}

/** Whether the tools for a headed test under a virtual display are installed. */
export function hasXvfbAndXdotool(): boolean {
  return ['Xvfb', 'xdotool'].every((tool) => spawnSync('which', [tool]).status === 0);
}

/** Starts Xvfb on the first free display number and waits until it accepts clients. */
export async function startXvfb(): Promise<VirtualDisplay> {
  for (let number = 90; number < 140; number += 1) {
    if (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) continue;
    const child: ChildProcess = spawn('Xvfb', [`:${number}`, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const display = `:${number}`;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      if (spawnSync('xdotool', ['getmouselocation'], { env: { ...process.env, DISPLAY: display } }).status === 0) {
        return { display, stop: () => child.kill() };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill();
  }
  throw new Error('Could not start Xvfb on any display from :90 to :139');
}

/** Runs xdotool on the display; returns its output, throwing with its message on failure. */
export function xdotool(display: string, ...args: string[]): string {
  const result = spawnSync('xdotool', args, { env: { ...process.env, DISPLAY: display }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`xdotool ${args.join(' ')}: ${result.stderr || result.status}`);
  return result.stdout.trim();
}

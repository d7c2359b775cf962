/**
 * `alloc exec` in a container: a Docker exec attached over a hijacked connection, stdin piped
 * in, stdout/stderr demultiplexed (or one raw stream with a tty), terminal resizes forwarded.
 */
import type Dockerode from 'dockerode';
import { DriverError, type ExecOptions } from '../driver.js';
import { message } from './image.js';

/** Resolves with the command's exit code. */
export async function execInContainer(
  container: Dockerode.Container,
  cmd: string[],
  opts: ExecOptions,
): Promise<number> {
  if (cmd.length === 0) throw new DriverError('DRIVER_ERR_EXEC', 'exec needs a command');
  opts.signal?.throwIfAborted();
  let exec: Dockerode.Exec;
  let stream: NodeJS.ReadWriteStream & { destroy(): void };
  try {
    exec = await container.exec({
      Cmd: cmd,
      AttachStdin: opts.stdin !== undefined,
      AttachStdout: true,
      AttachStderr: true,
      Tty: opts.tty,
    });
    stream = await exec.start({ hijack: true, stdin: opts.stdin !== undefined, Tty: opts.tty });
  } catch (e) {
    throw new DriverError('DRIVER_ERR_EXEC', `docker exec ${cmd[0]}: ${message(e)}`);
  }
  const ended = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  if (opts.tty) stream.on('data', (d: Buffer) => opts.stdout.write(d));
  else container.modem.demuxStream(stream, opts.stdout, opts.stderr);
  if (opts.stdin) opts.stdin.pipe(stream);
  const onAbort = () => stream.destroy();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.resize && opts.tty) void forwardResizes(exec, opts.resize);
  try {
    await ended;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (opts.stdin) opts.stdin.unpipe(stream);
  }
  opts.signal?.throwIfAborted();
  // The exec's state may lag the end of its stream by a moment.
  for (let i = 0; i < 50; i++) {
    const info = await exec.inspect();
    if (!info.Running) return info.ExitCode ?? -1;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new DriverError(
    'DRIVER_ERR_EXEC',
    `docker exec ${cmd[0]}: still running after its output ended`,
  );
}

async function forwardResizes(
  exec: Dockerode.Exec,
  sizes: AsyncIterable<{ width: number; height: number }>,
): Promise<void> {
  try {
    for await (const s of sizes) await exec.resize({ h: s.height, w: s.width }).catch(() => {});
  } catch {
    // the size source failed: the terminal keeps its size
  }
}

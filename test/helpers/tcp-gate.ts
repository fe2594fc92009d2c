import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of a server that a test can close and open again on the same port: the
 * server looks stopped to whoever connects through the gate (e.g. Temporal to the webhook receiver).
 */
export interface TcpGate {
  /** host:port to connect to instead of the target. */
  address: string;
  close(): Promise<void>;
  open(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startTcpGate(target: string): Promise<TcpGate> {
  const [targetHost, targetPort] = [
    target.slice(0, target.lastIndexOf(':')),
    Number(target.split(':').pop()),
  ];
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  async function open(): Promise<void> {
    server = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    const bound = server.address();
    if (typeof bound === 'object' && bound) port = bound.port;
  }

  async function close(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  }

  await open();
  return { address: `127.0.0.1:${port}`, close, open, dispose: close };
}

/**
 * The HTTP transport's limit of open connections. Past it, a new connection takes the place of
 * the oldest one that has carried no signed request (silent, or still sending a request whose
 * signature is not yet checked), else of the oldest idle one, so that a crowd of connections
 * that never sign cannot keep Discord out (a refused request closes its connection); when every
 * one is answering a signed request, the new one is closed at once.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Limits `server` to `max` connections as above. Returns what marks a request whose signature
 * holds: its connection is not given away while it is answered.
 */
export function limitConnections(
  server: Server,
  max: number,
): (req: IncomingMessage, res: ServerResponse) => void {
  // Open connections, oldest first; those answering signed requests (how many), and those that
  // have carried one.
  const connections = new Set<Socket>();
  const serving = new Map<Socket, number>();
  const used = new WeakSet<Socket>();
  const giveWay = (): Socket | undefined => {
    let idle: Socket | undefined;
    for (const s of connections) {
      if (serving.has(s)) continue;
      if (!used.has(s)) return s;
      idle ??= s;
    }
    return idle;
  };
  server.on('connection', (socket: Socket) => {
    if (connections.size >= max) {
      const place = giveWay();
      if (!place) {
        socket.destroy();
        return;
      }
      connections.delete(place);
      place.destroy();
    }
    connections.add(socket);
    socket.once('close', () => {
      connections.delete(socket);
      serving.delete(socket);
    });
  });
  return (req, res) => {
    const socket = req.socket;
    serving.set(socket, (serving.get(socket) ?? 0) + 1);
    used.add(socket);
    res.once('close', () => {
      const left = (serving.get(socket) ?? 1) - 1;
      if (left > 0) serving.set(socket, left);
      else serving.delete(socket);
    });
  };
}

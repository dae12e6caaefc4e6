// `npm start`'s web server: Next.js behind a few lines of Node, for one reason. Login throttling counts failures per
// client address, and `next start` passes on an X-Forwarded-For a client sent as it is; here the socket's peer is
// appended, as a reverse proxy does, so the rightmost entry is one no client can choose (lib/auth/client-address.ts).
import { createServer } from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const hostname = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  const peer = request.socket.remoteAddress ?? "unknown";
  const prior = request.headers["x-forwarded-for"];
  request.headers["x-forwarded-for"] = prior ? `${[prior].flat().join(", ")}, ${peer}` : peer;
  void handle(request, response);
});
if (dev) server.on("upgrade", app.getUpgradeHandler());
server.on("error", (error) => {
  console.error(`The dashboard could not listen on ${hostname}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(`> dashboard listening on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}${dev ? " (development)" : ""}`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}

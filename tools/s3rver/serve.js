// Test-only S3-compatible server: s3rver on 127.0.0.1 over a data directory, on the given port (0: any free one).
// Prints "listening <port>" once it accepts requests. When its parent closes stdin it deletes the data directory
// and exits, so a test run that ends in any way (even killed) leaves neither a server nor its files behind.
'use strict';
const fs = require('fs');
const S3rver = require('s3rver');

const [directory, port = '0'] = process.argv.slice(2);
if (!directory) {
  console.error('usage: node serve.js <data-directory> [port]');
  process.exit(2);
}
const server = new S3rver({ address: '127.0.0.1', port: Number(port), directory, silent: true });
server.run().then(
  (address) => console.log(`listening ${address.port}`),
  (err) => { console.error(err); process.exit(1); });
function stop() {
  fs.rmSync(directory, { recursive: true, force: true });
  process.exit(0);
}
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();

// A throw-away RFC 3161 time-stamping authority for tests: a test CA and TSA key made with openssl,
// and `openssl ts -reply` answering a request file (test/evidence/bag and the e2e).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface LocalTsa {
  /** The test CA's certificate, for `openssl ts -verify -CAfile`. */
  caCert: string;
  /** Answers a timestamp request (.tsq) with a signed reply (.tsr) written to `reply`. */
  stamp(query: string, reply: string): void;
  /** A request for other data than the bag's tag manifest (the TSA signs it all the same). */
  otherQuery(file: string): string;
}

export function makeLocalTsa(dir: string): LocalTsa {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'tsa.cnf'), `[ tsa_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = ./serial
signer_cert = ./tsa.crt
signer_key = ./tsa.key
certs = ./ca.crt
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
`);
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Shoko Test CA', '-days', '2',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
  run(['req', ...ec, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=Shoko Test TSA']);
  run(['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tsa.crt', '-days', '2', '-extfile', 'tsa.cnf', '-extensions', 'tsa_ext']);
  fs.writeFileSync(path.join(dir, 'serial'), '01\n');
  return {
    caCert: path.join(dir, 'ca.crt'),
    stamp: (query, reply) => { run(['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', query, '-out', reply]); },
    otherQuery: (file) => {
      const data = path.join(dir, 'other.txt');
      fs.writeFileSync(data, 'not the tag manifest');
      run(['ts', '-query', '-data', data, '-sha256', '-cert', '-out', file]);
      return file;
    },
  };
}

// A self-signed certificate for 127.0.0.1 / localhost, shared by every loopback HTTPS
// server the tests start (the WHM simulator, the Vault KV endpoint). One per process:
// generating keys is the slowest part of starting a server.
let certPromise: Promise<{ key: string; cert: string }> | undefined;

/** One self-signed certificate per process for 127.0.0.1 / localhost. */
export function loopbackCertificate(): Promise<{ key: string; cert: string }> {
  certPromise ??= (async () => {
    const selfsigned = await import('selfsigned');
    const generate = selfsigned.generate ?? (selfsigned as unknown as { default: typeof selfsigned }).default.generate;
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 365 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    return { key: pems.private, cert: pems.cert };
  })();
  return certPromise;
}

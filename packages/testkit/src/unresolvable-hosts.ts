import dns from 'node:dns';

/**
 * Makes host names under `.invalid` (RFC 6761: never resolvable) fail the way getaddrinfo fails,
 * inside this test process and without asking any DNS server, so a "host not found" test stays on
 * loopback and never depends on the machine's resolver. Every other name resolves as usual.
 * Returns the function that puts the real lookup back.
 */
export const failInvalidHostLookups = (): (() => void) => {
  const original = dns.lookup;
  const lookup = (hostname: string, ...rest: unknown[]): void => {
    const callback = rest.at(-1);
    if (!hostname.endsWith('.invalid') || typeof callback !== 'function') {
      Reflect.apply(original, dns, [hostname, ...rest]);
      return;
    }
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: 'ENOTFOUND',
      errno: -3008,
      syscall: 'getaddrinfo',
      hostname,
    });
    process.nextTick(() => Reflect.apply(callback, undefined, [error]));
  };
  Reflect.set(dns, 'lookup', lookup);
  return () => {
    Reflect.set(dns, 'lookup', original);
  };
};

// The endpoint every AWS client in the tests uses unless a test points it at a sandbox: a closed
// port on loopback, so a client a test forgot to point fails at once, and never reaches AWS.
export const NOWHERE = 'http://127.0.0.1:9';

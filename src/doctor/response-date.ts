// The Date header of the answers a client gets, refusals included: AWS's clock, for the skew
// check. Read below the SDK's deserializer, where the raw HTTP answer still is.

interface DeserializeStack {
  add(
    middleware: (
      next: (args: unknown) => Promise<{ response?: unknown }>,
    ) => (args: unknown) => Promise<unknown>,
    options: { step: 'deserialize'; name: string; override: boolean },
  ): void;
}

type Headers = Record<string, string | undefined>;

/** Watches `client`'s answers; returns the last Date AWS sent, if any. */
export function watchResponseDate(client: object): () => Date | undefined {
  let last: string | undefined;
  const note = (response: unknown) => {
    const date = (response as { headers?: Headers } | undefined)?.headers?.date;
    if (date) last = date;
  };
  (client as { middlewareStack: DeserializeStack }).middlewareStack.add(
    (next) => async (args) => {
      try {
        const out = await next(args);
        note(out.response);
        return out;
      } catch (error) {
        note((error as { $response?: unknown })?.$response);
        throw error;
      }
    },
    { step: 'deserialize', name: 'rolecallResponseDate', override: true },
  );
  return () => (last ? new Date(last) : undefined);
}

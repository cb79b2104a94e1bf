// Whether each user or role ARN a trust policy names exists, asked of IAM where it can be read
// (core.roleListing.principalExists), for the checks' "There is no user …" beside it. Typed ARNs
// are asked about once they have stayed the same for a moment, so typing "nobody" asks about
// "nobody", not "n", "no", …; an ARN still being asked about is unknown: nothing flickers.
import { useEffect, useRef, useState } from 'react';
import { USER_OR_ROLE_ARN } from '../../../src/aws-shapes/arn';
import { useCore } from '../stores/core-context';

/** How long the ARNs stay the same before IAM is asked: about a typist's pause between keys. */
const TYPING_PAUSE_MS = 400;

/** What IAM said of each ARN asked about: true, false, or undefined when it could not say. */
export type KnownPrincipal = (arn: string) => boolean | undefined;

/** `typed`: the ARNs follow keys typed, so IAM is asked after a pause; else at once. */
export function usePrincipalLookups(arns: readonly string[], { typed = false } = {}): KnownPrincipal {
  const { roleListing } = useCore();
  const [answers, setAnswers] = useState<ReadonlyMap<string, boolean | undefined>>(new Map());
  const asked = useRef(new Set<string>());
  // Stopped when the screen goes, not when the ARNs change: an answer still coming is kept.
  const stop = useRef(new AbortController());
  useEffect(() => {
    const controller = new AbortController();
    stop.current = controller;
    return () => controller.abort();
  }, []);
  const wanted = [...new Set(arns.filter((arn) => USER_OR_ROLE_ARN.test(arn)))]
    .filter((arn) => !asked.current.has(arn))
    .sort();
  const key = wanted.join('\n');
  useEffect(() => {
    if (!key) return;
    const timer = setTimeout(
      () => {
        const { signal } = stop.current;
        for (const arn of key.split('\n')) {
          asked.current.add(arn);
          void roleListing.principalExists(arn, { signal }).then((exists) => {
            if (!signal.aborted) setAnswers((now) => new Map(now).set(arn, exists));
          });
        }
      },
      typed ? TYPING_PAUSE_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [key, roleListing, typed]);
  return (arn) => answers.get(arn);
}

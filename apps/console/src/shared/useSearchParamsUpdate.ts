import { useSearchParams } from 'react-router';

/**
 * The page's URL search parameters, and a function that changes some of them in place (null removes one),
 * keeping the others, without a new history entry.
 */
export function useSearchParamsUpdate() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Readonly<Record<string, string | null>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  return [params, update, setParams] as const;
}

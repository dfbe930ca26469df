/** RFC 9457 problem details, with the project's stable `code` and, for rule violations, the `article`. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly article?: string | null;
  readonly [extension: string]: unknown;
}

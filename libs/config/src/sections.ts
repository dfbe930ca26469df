import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

import { IsBase64Key, IsKeyRing, type KeyRing, parseKey, parseKeyRing } from './key-ring';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/** HTTP listener of an app (every app serves at least its health endpoints). */
export class HttpConfig {
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) HTTP_PORT = 3000;
  @IsString() @IsNotEmpty() HTTP_HOST = '127.0.0.1';
}

/** Hardening of every HTTP app: body size, rate limits (per caller and per client address). */
export class HttpLimitsConfig {
  /** Largest JSON body accepted, in KiB (larger: 413). */
  @Transform(toInt) @IsInt() @Min(1) @Max(16_384) HTTP_BODY_LIMIT_KB = 512;
  /** Largest file a file import route accepts (CSV or xlsx), in KiB: a county's roster of 20 000 members fits. */
  @Transform(toInt) @IsInt() @Min(1) @Max(262_144) HTTP_FILE_BODY_LIMIT_KB = 32_768;
  /** Length of the rate-limit window. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3_600) RATE_LIMIT_WINDOW_SECONDS = 60;
  /** Requests per window from one client address (before authentication); 0 turns the limit off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000) RATE_LIMIT_PER_ADDRESS = 1_200;
  /** Requests per window by one authenticated caller (token subject); 0 turns the limit off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000) RATE_LIMIT_PER_CALLER = 600;
  /**
   * Express "trust proxy" (hops or a list of proxy addresses): set it behind a load balancer so the client
   * address (rate limits, logs) is the forwarded one; false trusts no proxy.
   */
  @IsString() @IsNotEmpty() HTTP_TRUST_PROXY = 'false';
}

/** /metrics of every app (Prometheus text format). */
export class MetricsConfig {
  /**
   * The bearer token a scraper must send; unset, /metrics is open (local profiles). Set it wherever the app's
   * port is reachable from outside the cluster (the API's is: it serves the console too).
   */
  @IsOptional() @IsString() @IsNotEmpty() METRICS_TOKEN?: string;
}

/** The API's OpenAPI document (/docs-json) and Swagger UI (/docs): off unless a deployment enables them. */
export class ApiDocsConfig {
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  API_DOCS_ENABLED = false;
}

export class LogConfig {
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
}

export class DatabaseConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgresql:// connection URL' })
  DATABASE_URL!: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(100) DATABASE_POOL_SIZE = 10;
}

export class TemporalConfig {
  @Matches(/^[^:/\s]+:\d+$/, { message: 'must be host:port' }) TEMPORAL_ADDRESS!: string;
  @IsString() @IsNotEmpty() TEMPORAL_NAMESPACE = 'default';
  @IsString() @IsNotEmpty() TEMPORAL_TASK_QUEUE = 'xianfeng-member-development';
  /**
   * Deadline of each call from an app into Temporal (a start, an update waited for, a query…) when the caller
   * sets none: past it the call answers 504 TEMPORAL_TIMEOUT (503 TEMPORAL_UNAVAILABLE when unreachable).
   */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) TEMPORAL_CALL_TIMEOUT_MS = 10_000;
  /**
   * Where the worker's Temporal SDK serves its own Prometheus series (host:port, loopback): the worker's /metrics
   * appends them. Unset, the SDK exports none.
   */
  @IsOptional()
  @Matches(/^[^:/\s]+:\d+$/, { message: 'must be host:port' })
  TEMPORAL_WORKER_METRICS_ADDRESS?: string;
}

/** The targets app's consumer group (one group per independent read model). */
export class TargetsConfig {
  @IsString() @IsNotEmpty() TARGETS_CONSUMER_GROUP = 'xianfeng-targets';
  /** How often the pace alerts are re-evaluated; 0 turns the schedule off (evaluate on demand only). */
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400) TARGETS_ALERTS_INTERVAL_SECONDS = 900;
}

export class KafkaConfig {
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string;
  @IsString() @IsNotEmpty() KAFKA_CLIENT_ID = 'xianfeng';

  get brokers(): string[] {
    return this.KAFKA_BROKERS.split(',');
  }
}

/**
 * Bearer-token verification. Production: AUTH_JWKS_URL of the identity provider. Dev and test profiles:
 * AUTH_JWKS_FILE, the public key of the local issuer (`npm run auth:token` mints tokens for demo users).
 */
export class AuthConfig {
  @IsString() @IsNotEmpty() AUTH_ISSUER = 'xianfeng-local';
  @IsString() @IsNotEmpty() AUTH_AUDIENCE = 'xianfeng';
  @ValidateIf((config: AuthConfig) => !config.AUTH_JWKS_FILE)
  @IsUrl(
    { require_tld: false, protocols: ['https', 'http'] },
    { message: 'set AUTH_JWKS_URL (identity provider) or AUTH_JWKS_FILE (local issuer)' },
  )
  AUTH_JWKS_URL?: string;
  @ValidateIf((config: AuthConfig) => !config.AUTH_JWKS_URL)
  @IsString()
  @IsNotEmpty({ message: 'set AUTH_JWKS_FILE (local issuer) or AUTH_JWKS_URL (identity provider)' })
  AUTH_JWKS_FILE?: string;
}

/**
 * Keys protecting personal data (DESIGN "Personal data stays protected"): the Temporal payload codec and the
 * national ID number at rest. No default in code: a deployment sets its own; the local dev and test profiles
 * generate theirs once into .local/<profile>/secrets.json. Read by the api and the worker only.
 */
export class PiiConfig {
  /** Temporal payload codec keys, `id:base64,…` (32 bytes each): the active one encrypts, every listed one decrypts. */
  @IsKeyRing('TEMPORAL_CODEC_ACTIVE_KEY') TEMPORAL_CODEC_KEYS!: string;
  /** Id of the codec key new payloads are encrypted with; unset: the first listed. */
  @IsOptional() @IsString() TEMPORAL_CODEC_ACTIVE_KEY?: string;
  /** Keys encrypting national ID numbers at rest, same format (the active one encrypts new rows). */
  @IsKeyRing('PERSON_ID_ENCRYPTION_ACTIVE_KEY') PERSON_ID_ENCRYPTION_KEYS!: string;
  @IsOptional() @IsString() PERSON_ID_ENCRYPTION_ACTIVE_KEY?: string;
  /** HMAC-SHA256 key of the national ID lookup hash (base64, 32 bytes); changing it means re-hashing every row. */
  @IsBase64Key() PERSON_ID_HMAC_KEY!: string;
  /** Origin of the Temporal UI whose browser may call the codec endpoint (CORS); unset: no browser origin. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s]+$/, { message: 'must be an origin: scheme://host[:port], no path' })
  TEMPORAL_UI_ORIGIN?: string;

  get temporalCodecKeys(): KeyRing {
    return parseKeyRing(this.TEMPORAL_CODEC_KEYS, this.TEMPORAL_CODEC_ACTIVE_KEY || undefined) as KeyRing;
  }

  get personIdKeys(): KeyRing {
    return parseKeyRing(
      this.PERSON_ID_ENCRYPTION_KEYS,
      this.PERSON_ID_ENCRYPTION_ACTIVE_KEY || undefined,
    ) as KeyRing;
  }

  get personIdHmacKey(): Buffer {
    return parseKey(this.PERSON_ID_HMAC_KEY) as Buffer;
  }
}

/**
 * The web console (apps/console), served by the API on its own origin. Sign-in is OpenID Connect (authorization
 * code with PKCE) against CONSOLE_OIDC_AUTHORITY in production; the dev and test profiles instead set
 * AUTH_DEMO_LOGIN_DIR, the local issuer's key folder, so the console offers the demo users.
 */
export class ConsoleConfig {
  /** The console's built files (dist/console); unset: the API serves no console. */
  @IsOptional() @IsString() @IsNotEmpty() CONSOLE_DIR?: string;
  /** The identity provider's issuer URL (its /.well-known/openid-configuration is read by the browser). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] }, { message: 'must be the issuer URL' })
  CONSOLE_OIDC_AUTHORITY?: string;
  @ValidateIf((config: ConsoleConfig) => config.CONSOLE_OIDC_AUTHORITY !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'set the console client id registered at the identity provider' })
  CONSOLE_OIDC_CLIENT_ID?: string;
  @IsString() @IsNotEmpty() CONSOLE_OIDC_SCOPE = 'openid profile';
  /**
   * The local issuer's key folder: the console's demo sign-in mints tokens for the demo users with it. Dev and
   * test profiles only; a production deployment never sets it.
   */
  @IsOptional() @IsString() @IsNotEmpty() AUTH_DEMO_LOGIN_DIR?: string;
  /**
   * Where the API forwards the console's /v1/targets requests (the targets app), so the browser talks to one
   * origin; unset where an ingress routes /v1/targets to the targets service itself.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be the targets app URL' })
  TARGETS_UPSTREAM_URL?: string;
}

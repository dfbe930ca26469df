import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/** HTTP listener of an app (every app serves at least its health endpoints). */
export class HttpConfig {
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) HTTP_PORT = 3000;
  @IsString() @IsNotEmpty() HTTP_HOST = '127.0.0.1';
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

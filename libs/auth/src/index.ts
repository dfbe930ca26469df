export * from './access.service';
export * from './auth.guard';
export * from './auth.module';
export * from './local-issuer';
export * from './principal';
export * from './token-claims';
export * from './token-verifier';

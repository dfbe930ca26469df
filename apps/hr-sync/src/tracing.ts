// Imported first by main.ts: tracing must start before `pg` and `http` are loaded to instrument them.
import { startTracing } from '@app/tracing';

startTracing('hr-sync');

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Kafka, logLevel } from 'kafkajs';

import { ensureTopics } from '@app/kafka';

import { type Profile, projectRoot, toolsDir } from './profiles';
import {
  InfraError,
  aptInstall,
  commandExists,
  readPid,
  spawnDetached,
  stopPid,
  tcpOpen,
  waitFor,
} from './processes';
import { VERSIONS } from './versions';

/** Apache Kafka (KRaft, one combined broker/controller) from Maven Central jars. */

const libDir = (): string => join(toolsDir(), `kafka-${VERSIONS.kafka}`, 'lib');

function javaMajorVersion(): number | undefined {
  if (!commandExists('java')) return undefined;
  // `java -version` writes to stderr.
  const match = /version "(\d+)/.exec(execFileSync('sh', ['-c', 'java -version 2>&1'], { encoding: 'utf8' }));
  return match ? Number(match[1]) : undefined;
}

export function ensureKafkaInstalled(): void {
  const java = javaMajorVersion();
  if (java === undefined || java < 17)
    aptInstall(['openjdk-17-jre-headless'], 'Kafka needs Java 17 or newer');
  const lib = libDir();
  if (existsSync(lib) && readdirSync(lib).some((jar) => jar.startsWith(`kafka_2.13-${VERSIONS.kafka}`)))
    return;
  if (!commandExists('mvn'))
    aptInstall(['maven'], 'Maven is needed to fetch the Kafka jars from Maven Central');
  process.stdout.write(`fetching Kafka ${VERSIONS.kafka} jars from Maven Central\n`);
  rmSync(lib, { recursive: true, force: true });
  execFileSync(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      join(projectRoot(), 'deploy/local/kafka/pom.xml'),
      `-Dkafka.version=${VERSIONS.kafka}`,
      'org.apache.maven.plugins:maven-dependency-plugin:3.7.1:copy-dependencies',
      `-DoutputDirectory=${lib}`,
      '-DincludeScope=runtime',
    ],
    { stdio: 'inherit' },
  );
}

/** Appears in the broker's command line; see readPid. */
const PROCESS_MARKER = 'kafka.Kafka';

const files = (p: Profile) => ({
  pid: join(p.dataDir, 'kafka.pid'),
  log: join(p.dataDir, 'logs', 'kafka.log'),
  home: join(p.dataDir, 'kafka'),
  data: join(p.dataDir, 'kafka', 'data'),
  properties: join(p.dataDir, 'kafka', 'server.properties'),
  log4j: join(p.dataDir, 'kafka', 'log4j2.properties'),
});

function writeConfig(p: Profile): void {
  const f = files(p);
  mkdirSync(f.home, { recursive: true });
  const listeners = `PLAINTEXT://127.0.0.1:${p.kafka.port},CONTROLLER://127.0.0.1:${p.kafka.controllerPort}`;
  writeFileSync(
    f.properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.bootstrap.servers=127.0.0.1:${p.kafka.controllerPort}`,
      `listeners=${listeners}`,
      `advertised.listeners=${listeners}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${f.data}`,
      'num.partitions=1',
      // One node: every internal topic must have replication factor 1 or consumer groups never start.
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      '',
    ].join('\n'),
  );
  writeFileSync(
    f.log4j,
    [
      'status = warn',
      'appender.out.type = Console',
      'appender.out.name = OUT',
      'appender.out.layout.type = PatternLayout',
      'appender.out.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = warn',
      'rootLogger.appenderRef.out.ref = OUT',
      'logger.server.name = kafka.server.KafkaRaftServer',
      'logger.server.level = info',
      '',
    ].join('\n'),
  );
}

/** Kafka cluster ids are 16 random bytes in URL-safe base64 without padding (what `random-uuid` prints). */
function newClusterId(): string {
  return randomBytes(16).toString('base64url');
}

function javaArgs(p: Profile): string[] {
  const f = files(p);
  return [
    '-Xms256m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${f.log4j}`,
    '-cp',
    `${libDir()}/*`,
  ];
}

/** Probes fail fast (the caller polls); an idempotent producer needs at least one retry to be allowed. */
export function kafkaClient(p: Profile, retries = 0): Kafka {
  return new Kafka({
    clientId: 'xianfeng-infra',
    brokers: [`127.0.0.1:${p.kafka.port}`],
    logLevel: logLevel.NOTHING,
    retry: { retries },
  });
}

async function ready(p: Profile): Promise<boolean> {
  if (!(await tcpOpen(p.kafka.port))) return false;
  const admin = kafkaClient(p).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } finally {
    await admin.disconnect();
  }
}

/**
 * A new broker answers metadata requests before its group and producer-id coordinators have loaded;
 * clients that arrive then log errors and retry. Ready means a consumer group can be described and an
 * idempotent producer can initialise.
 */
async function coordinatorsReady(p: Profile): Promise<boolean> {
  const kafka = kafkaClient(p, 1);
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await admin.connect();
  try {
    await admin.describeGroups(['xianfeng-readiness-probe']);
    await producer.connect();
    return true;
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}

export async function startKafka(p: Profile): Promise<void> {
  const f = files(p);
  if (readPid(f.pid, PROCESS_MARKER) === undefined) {
    if (await tcpOpen(p.kafka.port)) throw new InfraError(`port ${p.kafka.port} is taken by another process`);
    ensureKafkaInstalled();
    writeConfig(p);
    if (!existsSync(join(f.data, 'meta.properties'))) {
      execFileSync(
        'java',
        [
          ...javaArgs(p),
          'kafka.tools.StorageTool',
          'format',
          '--standalone',
          '--ignore-formatted',
          // One argument with '=': an id may begin with '-', which the option parser would take for a flag.
          `--cluster-id=${newClusterId()}`,
          '-c',
          f.properties,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
    }
    spawnDetached('java', [...javaArgs(p), 'kafka.Kafka', f.properties], f.log, f.pid);
  }
  await waitFor('Kafka', 90_000, () => ready(p), f.log);
  await waitFor('Kafka coordinators', 60_000, () => coordinatorsReady(p), f.log);
  const created = await ensureTopics(kafkaClient(p));
  if (created.length > 0) process.stdout.write(`created topics ${created.join(', ')}\n`);
}

/** Stops the broker but keeps its data (fault tests restart it). */
export async function stopKafkaProcess(p: Profile): Promise<void> {
  await stopPid(files(p).pid, PROCESS_MARKER, 30_000);
}

export async function stopKafka(p: Profile): Promise<void> {
  await stopPid(files(p).pid, PROCESS_MARKER, 30_000);
  if (p.ephemeral) rmSync(files(p).home, { recursive: true, force: true });
}

export async function kafkaStatus(p: Profile): Promise<string> {
  return (await ready(p).catch(() => false)) ? `up  127.0.0.1:${p.kafka.port}` : 'down';
}

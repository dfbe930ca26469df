import { InvalidEnvironmentError, loadSection, loadSections } from './env';
import { DatabaseConfig, HttpConfig, KafkaConfig, TemporalConfig } from './sections';

describe('loadSections', () => {
  it('parses and defaults typed values', () => {
    const http = loadSection(HttpConfig, { HTTP_PORT: '8080' });
    expect(http).toMatchObject({ HTTP_PORT: 8080, HTTP_HOST: '127.0.0.1' });
    expect(loadSection(KafkaConfig, { KAFKA_BROKERS: 'a:1,b:2' }).brokers).toEqual(['a:1', 'b:2']);
  });

  it('names every bad variable of every section in one error', () => {
    let error: unknown;
    try {
      loadSections([HttpConfig, DatabaseConfig, KafkaConfig, TemporalConfig], {
        HTTP_PORT: '99999',
        DATABASE_URL: 'mysql://x',
        KAFKA_BROKERS: 'not a broker',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const { problems } = error as InvalidEnvironmentError;
    expect(problems).toEqual([
      expect.stringMatching(/^HTTP_PORT="99999": .*65535/),
      expect.stringMatching(/^DATABASE_URL="mysql:\/\/x": must be a postgresql:\/\/ connection URL/),
      expect.stringMatching(/^KAFKA_BROKERS="not a broker": must be a comma-separated list of host:port/),
      expect.stringMatching(/^TEMPORAL_ADDRESS=\(unset\): must be host:port/),
    ]);
  });
});

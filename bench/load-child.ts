/**
 * Runs one autocannon load in a process of its own and prints its result as
 * JSON, so a benchmark that hosts the server in its own process measures the
 * server's event loop, not the load generator's. See loadElsewhere().
 */
import autocannon, { type Options } from 'autocannon';

const options = JSON.parse(process.argv[2] ?? '{}') as Options;
const result = await autocannon(options);
process.stdout.write(JSON.stringify(result));

import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { TINY_NETWORK_DIR } from '../test-support/fixture-network.js';
import { registerStart } from './commands/start.js';
import type { CliContext } from './io.js';
import type { StartSection } from './start-section.js';
import { summarySection } from './start-sections.js';

describe('caravan start sections', () => {
  it('appends a further section after the summary, in text and in JSON', async () => {
    const linkCount: StartSection<{ count: number }> = {
      id: 'link-count',
      title: 'Link count',
      compute: (network) => ({ count: network.links.length }),
      render: ({ count }) => `${count} links`,
    };
    const runStart = async (...flags: string[]) => {
      let stdout = '';
      const context: CliContext = {
        io: { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true } },
        exitCode: 0,
      };
      const program = new Command().exitOverride();
      registerStart(program, context, [summarySection, linkCount]);
      await program.parseAsync(['start', '--data', TINY_NETWORK_DIR, '--no-serve', ...flags], { from: 'user' });
      return stdout;
    };

    const text = await runStart();
    expect(text.indexOf('Network summary')).toBeLessThan(text.indexOf('Link count\n==========\n8 links'));
    expect(JSON.parse(await runStart('--json'))).toMatchObject({ summary: { links: 8 }, 'link-count': { count: 8 } });
  });
});

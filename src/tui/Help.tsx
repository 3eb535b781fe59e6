import { Box, Text } from 'ink';
import { helpColumns, helpHeight, helpPages, type HelpLine } from './help-pages.js';
import type { Rect } from './layout.js';

function Line({ line, keyWidth }: { line: HelpLine; keyWidth: number }) {
  if (line.kind === 'gap') return <Text> </Text>;
  if (line.kind === 'title') return <Text underline>{line.text}</Text>;
  return (
    <Text wrap="truncate">
      <Text color="cyan">{line.keys.padEnd(keyWidth)}</Text>
      {line.text}
    </Text>
  );
}

/** Every key, read from the tables that dispatch them, a page at a time. */
export function Help({ rect, detachKey, page = 0 }: { rect: Rect; detachKey: string; page?: number }) {
  const pages = helpPages(rect.width - 4, helpHeight(rect), detachKey);
  const at = Math.max(0, Math.min(page, pages.length - 1));
  const colWidth = Math.floor((rect.width - 4) / helpColumns(rect.width - 4)) - 1;
  const keyWidth = Math.min(16, Math.floor(colWidth / 3));
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="cyan" paddingX={1} overflowY="hidden">
      <Text bold>
        Keys
        {pages.length > 1 ? (
          <Text dimColor>
            {' '}
            · page {at + 1} of {pages.length} (↓/↑ turn)
          </Text>
        ) : null}
      </Text>
      <Box flexDirection="row" flexShrink={0}>
        {pages[at]!.map((column, i) => (
          <Box key={i} flexDirection="column" width={colWidth} marginRight={1} flexShrink={0}>
            {column.map((line, j) => (
              <Line key={j} line={line} keyWidth={keyWidth} />
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

import { readFileSync } from 'node:fs';

/**
 * What Linux tells about a process through /proc (null elsewhere, or when it is gone): enough to
 * tell a live process from a recycled pid, and to see who started us.
 */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The process's start time (clock ticks since boot): a recycled pid has another. */
export function startTimeOf(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/** The parent pid of another process. */
export function parentOf(pid: number): number | null {
  const ppid = statFields(pid)?.[1];
  return ppid === undefined ? null : Number(ppid);
}

/** A process's argv. */
export function commandLineOf(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** Whether `pid` is a live process (EPERM: alive, someone else's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `onOrphaned` once the process that started us is gone: our parent pid changes (we were
 * re-parented to init or a subreaper). When the parent is only npm's `sh -c` wrapper (`npx`,
 * `npm exec`, `npm run`), npm's death counts too: the shell outlives it, and so would we.
 * Nothing is followed when init (or a container's pid 1) started us.
 */
export function watchParent(onOrphaned: () => void, intervalMs = 500): { stop(): void } | undefined {
  const parent = process.ppid;
  if (parent <= 1) return undefined;
  const wrapper = commandLineOf(parent);
  let grandparent: number | null = null;
  if (wrapper && /(^|\/)(sh|dash|bash|zsh)$/.test(wrapper[0] ?? '') && wrapper[1] === '-c') {
    const gp = parentOf(parent);
    const gpCommand = gp ? (commandLineOf(gp) ?? []).join(' ') : '';
    if (gp && gp > 1 && /\bnpm\b|\bnpx\b|npm-cli\.js|npx-cli\.js/.test(gpCommand)) grandparent = gp;
  }
  const timer = setInterval(() => {
    const orphaned = process.ppid !== parent || (grandparent !== null && parentOf(parent) !== grandparent);
    if (!orphaned) return;
    clearInterval(timer);
    onOrphaned();
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

import { writeFileSync } from 'node:fs';

// Preloaded (`--import`) into every timed process: at exit, its peak RSS and CPU time go to the
// file the parent named, so a process's own figures are measured the same way for each side.
const target = process.env['BENCH_USAGE_FILE'];
if (target !== undefined) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    // maxRSS is in KiB.
    writeFileSync(target, JSON.stringify({ peakRssMb: usage.maxRSS / 1024, cpuMs }));
  });
}

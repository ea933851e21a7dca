// Copyright The loopback-security-monorepo authors. License: MIT.

import os from 'node:os';

/**
 * The machine a run was made on
 */
export interface MachineInfo {
  /**
   * The CPU model, as in `/proc/cpuinfo`
   */
  cpu: string;
  /**
   * Cores this process may use, as `nproc` counts them
   */
  cores: number;
  /**
   * `process.version`
   */
  node: string;
  /**
   * Operating system and architecture
   */
  platform: string;
  /**
   * The 1-minute load average when the run started: how busy the machine
   * already was
   */
  loadAverage: number;
}

/**
 * Describe this machine. Call it before pinning this process to a core, or
 * `cores` will say 1.
 */
export function describeMachine(): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    loadAverage: os.loadavg()[0],
  };
}

/**
 * The machine in one line, for the report
 * @param machine - The machine
 */
export function formatMachine(machine: MachineInfo): string {
  return (
    `${machine.cores} cores (${machine.cpu}), Node.js ${machine.node}, ` +
    `${machine.platform}, load average ${machine.loadAverage.toFixed(2)} ` +
    'at the start'
  );
}

// Copyright The loopback-security-monorepo authors. License: MIT.

import {ChildProcess, fork} from 'node:child_process';
import path from 'node:path';
import {ServerCommand, ServerReport, ServerVariant} from './protocol';

/**
 * How long a server may take to start, in milliseconds
 */
const START_TIMEOUT = 30000;

/**
 * A server running in a child process, started with `child_process.fork`
 * and driven over IPC
 */
export class ServerProcess {
  private readonly waiting = new Map<
    ServerReport['type'],
    {resolve: (report: ServerReport) => void; reject: (err: Error) => void}
  >();

  private constructor(
    /**
     * Which server it is
     */
    readonly variant: ServerVariant,
    /**
     * The child process
     */
    readonly child: ChildProcess,
    /**
     * Its port on 127.0.0.1
     */
    readonly port: number,
  ) {
    child.on('message', (report: ServerReport) => {
      const pending = this.waiting.get(report.type);
      this.waiting.delete(report.type);
      pending?.resolve(report);
    });
    child.on('exit', code => {
      for (const pending of this.waiting.values()) {
        pending.reject(new Error(`The ${variant} server exited (${code})`));
      }
      this.waiting.clear();
    });
  }

  /**
   * Fork a server and wait until it listens
   *
   * @param variant - Which server
   * @param voters - How many voters it binds
   * @param pin - `taskset` and the core to start it on, if it is pinned
   */
  static async start(
    variant: ServerVariant,
    voters: number,
    pin?: {taskset: string; core: number},
  ): Promise<ServerProcess> {
    const script = path.join(__dirname, 'server.js');
    // With `taskset` as the executable, node inherits the IPC channel
    const child = fork(script, [variant, String(voters)], {
      execPath: pin?.taskset ?? process.execPath,
      execArgv: pin ? ['-c', String(pin.core), process.execPath] : [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`The ${variant} server did not start`));
      }, START_TIMEOUT);
      child.once('exit', code => {
        clearTimeout(timer);
        reject(new Error(`The ${variant} server exited with code ${code}`));
      });
      child.on('message', (report: ServerReport) => {
        if (report.type !== 'ready') return;
        clearTimeout(timer);
        resolve(report.port);
      });
    });
    child.removeAllListeners('exit');
    child.removeAllListeners('message');
    return new ServerProcess(variant, child, port);
  }

  /**
   * The URL of a path on the server
   * @param pathname - The path, such as `/hello`
   */
  url(pathname: string): string {
    return `http://127.0.0.1:${this.port}${pathname}`;
  }

  /**
   * Run some work, such as a load test, and measure the CPU time the server
   * spends meanwhile
   *
   * @param work - The work
   * @returns Its result and the server's CPU time, in microseconds
   */
  async measureCpu<T>(
    work: () => Promise<T>,
  ): Promise<{result: T; cpuMicroseconds: number}> {
    await this.request({type: 'start'}, 'started');
    const result = await work();
    const cpu = await this.request({type: 'stop'}, 'cpu');
    const cpuMicroseconds = cpu.type === 'cpu' ? cpu.user + cpu.system : NaN;
    return {result, cpuMicroseconds};
  }

  /**
   * Stop the server and wait for its process to exit
   */
  async stop(): Promise<void> {
    if (this.child.exitCode != null || this.child.signalCode != null) return;
    const exited = new Promise(resolve => this.child.once('exit', resolve));
    const timer = setTimeout(() => this.child.kill(), 5000);
    this.send({type: 'exit'});
    await exited;
    clearTimeout(timer);
  }

  private request(
    command: ServerCommand,
    answer: ServerReport['type'],
  ): Promise<ServerReport> {
    const reply = new Promise<ServerReport>((resolve, reject) =>
      this.waiting.set(answer, {resolve, reject}),
    );
    this.send(command);
    return reply;
  }

  private send(command: ServerCommand) {
    this.child.send(command);
  }
}

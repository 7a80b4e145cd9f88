// Where the harness finds Lowkey Vault's jar and a Java to run it: the Makefile's lookup of the
// team's shared folder, provide.sh and find-java.sh, run as `make` and the harness run them, in
// throwaway folders. The Javas are stand-ins that answer `-version` as real ones do.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..');
const scripts = join(repoRoot, 'test', 'provider-servers', 'lowkey-vault');
const work = mkdtempSync(join(tmpdir(), 'ferry-lowkey-provide-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
function run(command: string, args: string[], env: Record<string, string>, cwd = repoRoot): Run {
  // Only what is given: no FERRY_*, JAVA_HOME or PATH of the machine's leaks into a case.
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

const bash = spawnSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim();

/** A folder with only the tools the scripts use besides java, as a PATH without any java. */
const toolsOnly = join(work, 'tools');
mkdirSync(toolsOnly);
for (const tool of ['sed', 'head', 'tr', 'unzip', 'cat', 'uname']) {
  const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
  if (found) symlinkSync(found, join(toolsOnly, tool));
}

/** A JDK folder whose bin/java prints `version` as `java -version` does (on stderr). */
function fakeJdk(name: string, version: string): string {
  const home = join(work, 'jvm', name);
  mkdirSync(join(home, 'bin'), { recursive: true });
  const java = join(home, 'bin', 'java');
  writeFileSync(
    java,
    `#!/bin/sh\necho 'openjdk version "${version}" 2026-04-21' >&2\necho 'OpenJDK Runtime Environment' >&2\n`,
  );
  chmodSync(java, 0o755);
  return home;
}
const jdk25 = fakeJdk('temurin-25-jdk-amd64', '25.0.3');
const jdk17 = fakeJdk('java-17-openjdk-amd64', '17.0.15');
const jdk26 = fakeJdk('jdk-26-ea', '26-ea');
const jdk8 = fakeJdk('java-8-openjdk-amd64', '1.8.0_392');
const noJvmDir = join(work, 'no-jvm');
mkdirSync(noJvmDir);

describe('find-java.sh', () => {
  const findJava = (env: Record<string, string>) =>
    run(bash, [join(scripts, 'find-java.sh')], { PATH: toolsOnly, FERRY_JVM_DIR: noJvmDir, ...env });
  const pathWith = (home: string) => `${join(home, 'bin')}:${toolsOnly}`;
  /** A refusal is one line on stderr that says what was found and what to do, and nothing on stdout. */
  const expectOneLineRefusal = (result: Run, saying: string) => {
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(saying);
    expect(result.stderr).toContain('needs Java 25 or newer');
    expect(result.stderr).toContain('set FERRY_JAVA');
  };

  it('FERRY_JAVA wins over JAVA_HOME and PATH', () => {
    const result = findJava({
      FERRY_JAVA: join(jdk25, 'bin', 'java'),
      JAVA_HOME: jdk17,
      PATH: pathWith(jdk26),
    });
    expect(result).toMatchObject({ status: 0, stdout: join(jdk25, 'bin', 'java') });
  });

  it('a FERRY_JAVA older than 25 is refused in one line, even with a good one elsewhere', () => {
    const result = findJava({ FERRY_JAVA: join(jdk17, 'bin', 'java'), PATH: pathWith(jdk25) });
    expectOneLineRefusal(result, `FERRY_JAVA (${join(jdk17, 'bin', 'java')}) is Java 17.`);
  });

  it('a FERRY_JAVA that is no program is refused in one line', () => {
    expectOneLineRefusal(findJava({ FERRY_JAVA: join(work, 'nothing') }), 'is not an executable file');
  });

  it('JAVA_HOME comes next, before PATH', () => {
    const result = findJava({ JAVA_HOME: jdk25, PATH: pathWith(jdk17) });
    expect(result).toMatchObject({ status: 0, stdout: join(jdk25, 'bin', 'java') });
  });

  it('a JAVA_HOME of Java 8 is refused in one line', () => {
    expectOneLineRefusal(findJava({ JAVA_HOME: jdk8, PATH: pathWith(jdk25) }), 'is Java 8.');
  });

  it('then a java on PATH that is 25 or newer', () => {
    expect(findJava({ PATH: pathWith(jdk26) })).toMatchObject({
      status: 0,
      stdout: join(jdk26, 'bin', 'java'),
    });
  });

  it('an older java on PATH gives way to a JDK 25 under the JVM folder', () => {
    const result = findJava({ PATH: pathWith(jdk17), FERRY_JVM_DIR: join(work, 'jvm') });
    expect(result).toMatchObject({ status: 0, stdout: join(jdk25, 'bin', 'java') });
  });

  it('an older java on PATH and no JDK 25: one line naming what was found', () => {
    expectOneLineRefusal(
      findJava({ PATH: pathWith(jdk17) }),
      `java on PATH (${join(jdk17, 'bin', 'java')}) is Java 17. There is none under ${noJvmDir}/*25*.`,
    );
  });

  it('no java anywhere: one line', () => {
    expectOneLineRefusal(findJava({}), 'There is no java on PATH and none under');
  });
});

describe('provide.sh', () => {
  const provide = (env: Record<string, string>) =>
    run(bash, [join(scripts, 'provide.sh')], { PATH: toolsOnly, ...env });
  const howToBuild = (result: Run) => {
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("build lowkey-vault-app 7.3.74 from Lowkey Vault's sources");
    expect(result.stderr).toContain('Java 25');
    expect(result.stderr).toContain('set FERRY_LOWKEY_VAULT_JAR');
  };
  /** A jar as Lowkey Vault's build writes it, as far as provide.sh looks: its application.properties. */
  const jarOfVersion = (version: string): string => {
    const jar = join(work, `lowkey-vault-app-${version}.jar`);
    const zipped = spawnSync(
      'python3',
      [
        '-c',
        'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("BOOT-INF/classes/application.properties", sys.argv[2])',
        jar,
        `application.title=Lowkey Vault\napplication.version=${version}\n`,
      ],
      { encoding: 'utf8' },
    );
    if (zipped.status !== 0) throw new Error(`python3 could not write ${jar}: ${zipped.stderr}`);
    return jar;
  };

  it('prints the jar FERRY_LOWKEY_VAULT_JAR names', () => {
    const jar = jarOfVersion('7.3.74');
    expect(provide({ FERRY_LOWKEY_VAULT_JAR: jar })).toMatchObject({ status: 0, stdout: jar });
  });

  it('without FERRY_LOWKEY_VAULT_JAR, says how to build a jar', () => {
    howToBuild(provide({}));
  });

  it('a FERRY_LOWKEY_VAULT_JAR that is not a file says so and how to build one', () => {
    const result = provide({ FERRY_LOWKEY_VAULT_JAR: join(work, 'missing.jar') });
    howToBuild(result);
    expect(result.stderr).toContain('missing.jar is not a file');
  });

  it('a jar of the 3.x line is refused: the harness starts the 7.x line', () => {
    const result = provide({ FERRY_LOWKEY_VAULT_JAR: jarOfVersion('3.4.33') });
    howToBuild(result);
    expect(result.stderr).toContain('is Lowkey Vault 3.4.33; the tests run the 7.x line');
  });
});

describe("the Makefile's lookup of the team's shared folder", () => {
  /** A copy of the project's Makefile in `<root>/project`, beside `<root>/shared` when `withShared`. */
  const projectBeside = (name: string, withShared: boolean): { project: string; sharedJar: string } => {
    const root = join(work, name);
    const project = join(root, 'project');
    mkdirSync(project, { recursive: true });
    for (const file of ['Makefile', '.node-version']) copyFileSync(join(repoRoot, file), join(project, file));
    const sharedJar = join(root, 'shared', 'tools', 'lowkey-vault', 'lowkey-vault-app-7.3.74.jar');
    if (withShared) {
      mkdirSync(join(sharedJar, '..'), { recursive: true });
      writeFileSync(sharedJar, '');
    }
    return { project, sharedJar };
  };
  /** What the Makefile's recipes see as FERRY_LOWKEY_VAULT_JAR. */
  const jarSeenByRecipes = (project: string, env: Record<string, string> = {}): string => {
    const printJar = 'print-lowkey-vault-jar: ; @echo "jar=$$FERRY_LOWKEY_VAULT_JAR"';
    const result = run(
      'make',
      ['--no-print-directory', '-s', '--eval', printJar, 'print-lowkey-vault-jar'],
      { PATH: process.env['PATH'] ?? '', HOME: work, ...env },
      project,
    );
    expect(result.status).toBe(0);
    return result.stdout.replace(/^jar=/, '');
  };

  it('points the harness at ../shared/tools/lowkey-vault/ when the jar is there', () => {
    const { project, sharedJar } = projectBeside('with-shared', true);
    expect(jarSeenByRecipes(project)).toBe(sharedJar);
  });

  it('leaves FERRY_LOWKEY_VAULT_JAR empty where there is no shared folder', () => {
    const { project } = projectBeside('without-shared', false);
    expect(jarSeenByRecipes(project)).toBe('');
  });

  it('a FERRY_LOWKEY_VAULT_JAR of the environment wins', () => {
    const { project } = projectBeside('env-wins', true);
    expect(jarSeenByRecipes(project, { FERRY_LOWKEY_VAULT_JAR: '/opt/mine/lowkey.jar' })).toBe(
      '/opt/mine/lowkey.jar',
    );
  });
});

/**
 * `npm test`'s first step (`pretest`): every system tool the suite needs, checked in the first
 * seconds rather than after minutes of other work. A missing tool is installed when this machine
 * can do it (root with apt-get, as on CI and our developer machines), in one line of output;
 * otherwise the run stops at once with one line naming the exact command to run.
 * docs/decisions/018-test-tools-provisioned-by-npm-test.md.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

type Tool = {
  /** What the suite calls it. */
  name: string;
  /** The executable the suite runs. */
  path: string;
  /** Debian's package that provides it. */
  aptPackage: string;
  /** Who needs it. */
  neededBy: string;
  /** Set when the path comes from a variable: a custom path cannot be installed by apt. */
  overriddenBy?: string;
};

const chromiumOverride = process.env.CHROMIUM_PATH;
const TOOLS: Tool[] = [
  {
    name: "Chromium",
    path: chromiumOverride ?? "/usr/bin/chromium",
    aptPackage: "chromium",
    neededBy: "the Playwright end-to-end tests",
    ...(chromiumOverride ? { overriddenBy: "CHROMIUM_PATH" } : {}),
  },
  {
    name: "pgBackRest",
    path: "/usr/bin/pgbackrest",
    aptPackage: "pgbackrest",
    neededBy: "the backup and restore tests, and BACKUPS=on",
  },
  {
    name: "faketime",
    path: "/usr/bin/faketime",
    aptPackage: "faketime",
    neededBy: "the backup retention test (pgBackRest's expiry on a clock 90 days ahead)",
  },
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function canInstall(): boolean {
  return process.getuid?.() === 0 && executable("/usr/bin/apt-get");
}

function fail(line: string): never {
  console.error(`[check-tools] ${line}`);
  process.exit(1);
}

function install(packages: string[]): void {
  // apt's own chatter (debconf notices) stays out of the one line; it is shown if apt fails.
  const options = {
    stdio: ["ignore", "ignore", "pipe"] as Array<"ignore" | "pipe">,
    encoding: "utf8" as const,
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  };
  const update = spawnSync("apt-get", ["update", "-qq"], options);
  const add =
    update.status === 0
      ? spawnSync("apt-get", ["install", "-y", "-qq", ...packages], options)
      : update;
  if (add.status !== 0) {
    process.stderr.write(add.stderr ?? "");
    fail(
      `could not install ${packages.join(", ")}: run \`apt-get install -y ${packages.join(" ")}\``,
    );
  }
}

const missing = TOOLS.filter((t) => !executable(t.path));
const custom = missing.find((t) => t.overriddenBy);
if (custom) {
  fail(
    `${custom.name} not found at ${custom.path} (${custom.overriddenBy}): point ${custom.overriddenBy} at a ${custom.name} binary, or unset it and run \`apt-get install -y ${custom.aptPackage}\``,
  );
}
if (missing.length > 0) {
  const packages = missing.map((t) => t.aptPackage);
  const what = missing.map((t) => `${t.name} (${t.neededBy})`).join(", ");
  if (!canInstall()) {
    fail(`npm test needs ${what}: run \`sudo apt-get install -y ${packages.join(" ")}\``);
  }
  console.log(`[check-tools] installing ${what} with apt-get install ${packages.join(" ")}…`);
  install(packages);
  const still = missing.filter((t) => !executable(t.path));
  if (still.length > 0) {
    fail(
      `${still.map((t) => t.path).join(", ")} still missing after installing ${packages.join(" ")}`,
    );
  }
}

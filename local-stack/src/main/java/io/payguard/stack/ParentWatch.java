package io.payguard.stack;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs another main class in a child JVM and exits (through the normal shutdown hooks) once the parent
 * process is gone. Without it, a parent killed with SIGKILL (a crashed stack, a test JVM that timed
 * out) would leave a Kafka broker holding its ports and directory. Usage:
 * {@code ParentWatch <parent pid> <main class> [args...]}.
 */
public final class ParentWatch {

  private ParentWatch() {
  }

  public static void main(String[] args) throws Throwable {
    long parentPid = Long.parseLong(args[0]);
    watch(parentPid);
    try {
      Class.forName(args[1]).getMethod("main", String[].class)
        .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void watch(long parentPid) {
    Thread watcher = new Thread(() -> {
      // Polling, because onExit() of a process that is not our child polls as well, and says less.
      while (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
      System.err.println("parent process " + parentPid + " is gone; shutting down");
      System.exit(0);
    }, "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}

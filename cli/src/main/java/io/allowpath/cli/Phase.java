package io.allowpath.cli;

/**
 * What the running command is doing and on what, for the one-line internal error (exit 3): "while
 * &lt;doing&gt; on &lt;subject&gt;". Per thread, so in-process runs (tests, the fuzz harness) do not mix.
 */
final class Phase {
  private static final ThreadLocal<String[]> NOW = ThreadLocal.withInitial(() -> new String[] {"starting", null});

  private Phase() {}

  static void set(String doing, String subject) {
    String[] p = NOW.get();
    p[0] = doing;
    p[1] = subject;
  }

  static void set(String doing) {
    set(doing, null);
  }

  static String doing() {
    return NOW.get()[0];
  }

  static String subject() {
    return NOW.get()[1];
  }

  static void reset() {
    set("starting", null);
  }
}

package org.smart.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run as its own JVM by {@link DetachedLauncherTest}: launches {@code sleep 300 <token>} detached,
 * prints its pid and exits, so the test can see that the sleep outlives the JVM that started it.
 */
public final class DetachedLaunchMain {

    private DetachedLaunchMain() {
    }

    public static void main(String[] args) throws Exception {
        Process sleep = new DetachedLauncher().launch(new DetachedCommand(List.of("sleep", "300", args[0]),
                Map.of("PATH", "/usr/bin:/bin"), Path.of("/"), null));
        System.out.println(sleep.pid());
    }
}

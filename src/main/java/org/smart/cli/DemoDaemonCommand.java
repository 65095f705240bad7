package org.smart.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.smart.demo.DemoDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code smart demo-daemon}: the small daemon the bundled demo monitors; runs in the foreground. */
@Command(name = "demo-daemon", hidden = true, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run a demo daemon in the foreground (for examples/demo and tests).")
final class DemoDaemonCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name it answers with.")
    String name;

    @Option(names = "--port", paramLabel = "PORT", description = "Answer on 127.0.0.1:PORT.")
    int port;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the pid here.")
    Path pidFile;

    @Override
    public Integer call() throws Exception {
        new DemoDaemon(name, port, pidFile).run();
        return 0;
    }
}

package org.smart.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedsTest {

    @TempDir
    Path dir;

    @Test
    void commandFileFeedWritesWhatIsSubmitted() throws Exception {
        Path file = Files.createFile(dir.resolve("nagios.cmd"));
        FeedConfig config = new FeedConfig(FeedNames.defaults("web01"), CommandFileFeedConfig.of(file),
                FeedConfig.disabled("web01").icingaApi());

        try (Feeds feeds = Feeds.start(config, Map.of())) {
            assertThat(feeds.submit(PassiveResult.service("web01", "apache", 0, "OK", "", "", Instant.ofEpochSecond(5)))).isTrue();
        }

        assertThat(Files.readString(file)).isEqualTo("[5] PROCESS_SERVICE_CHECK_RESULT;web01;apache;0;OK\n");
    }

    @Test
    void nothingStartsWhenTheApiCredentialsAreUnsafe() throws Exception {
        Path cred = Files.writeString(dir.resolve("cred"), "user=u\npassword=p\n");
        Files.setPosixFilePermissions(cred, PosixFilePermissions.fromString("rw-r--r--"));
        Path file = Files.createFile(dir.resolve("nagios.cmd"));
        FeedConfig config = new FeedConfig(FeedNames.defaults("web01"), CommandFileFeedConfig.of(file),
                IcingaApiFeedConfig.of(URI.create("https://127.0.0.1:5665"), dir.resolve("ca.crt"), cred));

        assertThatThrownBy(() -> Feeds.start(config, Map.of()))
                .isInstanceOf(FeedConfigException.class)
                .hasMessageContaining("has permissions rw-r--r--");
    }
}

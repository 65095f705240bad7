package org.smart.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedOutputTest {

    @Test
    void keepsEverythingUnderTheCap() {
        CappedOutput out = new CappedOutput(10);
        write(out, "hello ");
        write(out, "you!");

        assertThat(out.text()).isEqualTo("hello you!");
        assertThat(out.truncated()).isFalse();
    }

    @Test
    void keepsTheFirstBytesAndDropsTheRest() {
        CappedOutput out = new CappedOutput(8);
        write(out, "12345");
        write(out, "67890");
        write(out, "abc");

        assertThat(out.text()).isEqualTo("12345678");
        assertThat(out.truncated()).isTrue();
    }

    @Test
    void zeroCapKeepsNothing() {
        CappedOutput out = new CappedOutput(0);
        write(out, "x");

        assertThat(out.text()).isEmpty();
        assertThat(out.truncated()).isTrue();
    }

    private static void write(CappedOutput out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, bytes.length);
    }
}

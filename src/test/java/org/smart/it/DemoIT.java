package org.smart.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smart.process.ProcFs;

/** The README's first command, after the build: the demo runs end to end and leaves nothing running. */
class DemoIT {

    @Test
    void demoShowsOkThenDownThenRecoversAndCleansUp() {
        SmartCli.Result result = SmartCli.exec(List.of(SmartCli.HOME.resolve("examples/demo/run-demo").toString()),
                Map.of());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String out = result.out();
        int allOk = out.indexOf("== 2. All OK");
        int down = out.indexOf("== 4. SMART sees it DOWN");
        int recovered = out.indexOf("== 5. Recover with -d");
        assertThat(allOk).as(out).isPositive();
        assertThat(out.substring(allOk, down)).containsPattern("web\\s+0\\s+OK").doesNotContain("DOWN");
        assertThat(out.substring(down, recovered)).containsPattern("web\\s+[34]\\s+DOWN").contains("exit status: 2");
        assertThat(out.substring(recovered)).containsPattern("web\\s+[34]\\s+DOWN.*OK")
                .contains("\"final_state\" : \"OK\"");
        assertThat(new ProcFs().snapshot().all().stream()
                .filter(p -> !p.isZombie() && String.join(" ", p.argv()).contains("demo-daemon")))
                .as("the demo leaves no daemon behind").isEmpty();
    }
}

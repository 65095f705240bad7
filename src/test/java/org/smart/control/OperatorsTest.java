package org.smart.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorsTest {

    @TempDir
    Path dir;

    private Operators operators(String group) throws Exception {
        Path groups = dir.resolve("group");
        Files.writeString(groups, "root:x:0:\nsmart:x:990:alice,bob\nstaff:x:50:\n");
        return new Operators(group, groups);
    }

    @Test
    void rootAndMembersOfTheGroupByPrimaryGroupOrListingMayAct() throws Exception {
        Operators operators = operators("smart");

        assertThat(operators.refusal(new Caller("root", "root"))).isEmpty();
        assertThat(operators.refusal(new Caller("alice", "alice"))).as("listed in /etc/group").isEmpty();
        assertThat(operators.refusal(new Caller("carol", "smart"))).as("primary group").isEmpty();
        assertThat(operators.groupExists()).isTrue();
    }

    @Test
    void anyoneElseIsRefusedWithWhatToDo() throws Exception {
        assertThat(operators("smart").refusal(new Caller("mallory", "staff"))).hasValueSatisfying(why ->
                assertThat(why).isEqualTo("user 'mallory' may not operate the SMART daemon: only root and members of"
                        + " group 'smart'; ask an administrator to run 'usermod -aG smart mallory' (then log in"
                        + " again), or use sudo"));
        assertThat(operators("smart").refusal(new Caller("alicea", "staff"))).as("no prefix match").isPresent();
    }

    @Test
    void anEmptyOrMissingGroupMeansRootOnly() throws Exception {
        assertThat(operators("").refusal(new Caller("alice", "smart"))).hasValueSatisfying(why ->
                assertThat(why).contains("only root (CONTROL_GROUP is empty)"));
        assertThat(operators("").groupExists()).isFalse();
        assertThat(operators("nosuch").groupExists()).isFalse();
        assertThat(operators("nosuch").refusal(new Caller("root", "root"))).isEmpty();
    }
}

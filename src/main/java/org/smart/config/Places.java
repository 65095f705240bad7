package org.smart.config;

import java.util.Objects;
import org.smart.model.Origin;

/** How a message refers to an earlier place: "line 3" in the same file, the full origin otherwise. */
final class Places {

    private Places() {
    }

    static String earlier(Origin earlier, Origin here) {
        return Objects.equals(earlier.file(), here.file()) ? "line " + earlier.line() : earlier.toString();
    }
}

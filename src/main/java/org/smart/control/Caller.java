package org.smart.control;

/**
 * Who is on the other end of a control connection, as the kernel tells ({@code SO_PEERCRED}).
 *
 * @param user  the user's name (its number when it has no name)
 * @param group the name of its primary group (its number when it has no name)
 */
public record Caller(String user, String group) {

    @Override
    public String toString() {
        return user;
    }
}

package org.smart.cli;

/** Entry point of {@code bin/smart}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("SMART");
    }
}

package org.smart.security;

import java.io.IOException;

/** A secret file was refused or could not be read; the message says why and how to fix it. */
public class SecretFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public SecretFileException(String message) {
        super(message);
    }
}

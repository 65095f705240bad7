package org.smart.config;

import org.smart.model.Origin;

/**
 * A setting as written in a file, not yet parsed.
 *
 * @param key    which setting
 * @param text   the value as written (quotes removed; smart.yml lists joined with commas)
 * @param origin where it was written
 * @param field  how the file names it, for messages: {@code SMTP_PORT} or {@code settings.smtp.port}
 */
record SettingAssignment(SettingKey<?> key, String text, Origin origin, String field) {
}

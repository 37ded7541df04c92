package dev.parley.processor;

import dev.parley.processor.validation.Message;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a test as exercising a diagnostic, so {@link MessageCatalogueCoverageTest} can find untested ones. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Covers {
    Message value();
}

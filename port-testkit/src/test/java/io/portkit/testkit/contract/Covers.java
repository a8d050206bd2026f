package io.portkit.testkit.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the route of Port's API a contract test holds the emulator to, as {@code "METHOD
 * /v1/template"}; {@link ContractCoverageTest} checks every served route has one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Covers.List.class)
@interface Covers {
  String value();

  /** The container of repeated {@link Covers}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    Covers[] value();
  }
}

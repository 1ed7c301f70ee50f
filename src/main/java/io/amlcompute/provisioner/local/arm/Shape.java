package io.amlcompute.provisioner.local.arm;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON shape of a contract schema, as much of OpenAPI (Swagger 2.0) as the compute contract uses: strings,
 * int32, booleans, string enums, ISO-8601 durations ({@code format: duration}), objects with named fields, maps
 * ({@code additionalProperties}), arrays, free-form objects and the {@code computeType}-discriminated union.
 * {@link ShapeCheck} walks a request body against one; {@link ResponseShape} cuts a response down to one.
 */
sealed interface Shape {

    Shape TEXT = new Text();
    Shape INT32 = new Int32();
    Shape BOOLEAN = new Bool();
    Shape DURATION = new IsoDuration();
    Shape ANY_OBJECT = new AnyObject();
    /** What a read-only field holds does not matter: sending it at all is the violation. */
    Shape ANYTHING = new Anything();

    record Text() implements Shape {
    }

    record Int32() implements Shape {
    }

    record Bool() implements Shape {
    }

    /** ISO-8601 duration such as {@code PT5M} (the spec text says "RFC Format"; the format is {@code duration}). */
    record IsoDuration() implements Shape {
    }

    /** A free-form object ({@code type: object} without properties), e.g. AmlCompute {@code propertyBag}. */
    record AnyObject() implements Shape {
    }

    record Anything() implements Shape {
    }

    /** A string enum; values are compared exactly as the spec spells them. */
    record OneOf(String enumName, List<String> values) implements Shape {
        public OneOf {
            values = List.copyOf(values);
        }
    }

    /** A map with string keys ({@code additionalProperties}). */
    record MapOf(Shape values) implements Shape {
    }

    /** A JSON array of one item shape (the read-only error lists). */
    record ListOf(Shape items) implements Shape {
    }

    /**
     * An object with known fields; any other field is an unknown property.
     *
     * @param unknownPropertyHint a sentence added to unknown-property messages where a common mistake is known
     */
    record Obj(String schemaName, List<Field> fields, String unknownPropertyHint) implements Shape {
        public Obj {
            fields = List.copyOf(fields);
        }

        static Obj of(String schemaName, Field... fields) {
            return new Obj(schemaName, List.of(fields), null);
        }

        Obj withHint(String hint) {
            return new Obj(schemaName, fields, hint);
        }

        Obj plus(Field... more) {
            List<Field> all = new java.util.ArrayList<>(fields);
            all.addAll(List.of(more));
            return new Obj(schemaName, all, unknownPropertyHint);
        }
    }

    /**
     * The {@code Compute} union: the object's {@code discriminator} field picks the schema from {@code subtypes}.
     * A value in {@code knownValues} without a subtype is known to the contract but not checked here; {@code base}
     * holds the fields every subtype shares.
     */
    record Discriminated(String discriminator, List<String> knownValues, Obj base, Map<String, Obj> subtypes)
            implements Shape {
        public Discriminated {
            knownValues = List.copyOf(knownValues);
            subtypes = Map.copyOf(subtypes);
        }
    }

    /** A named field of an {@link Obj}. */
    record Field(String name, Shape shape, Presence presence, boolean secret) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
        }

        static Field optional(String name, Shape shape) {
            return new Field(name, shape, Presence.OPTIONAL, false);
        }

        static Field required(String name, Shape shape) {
            return new Field(name, shape, Presence.REQUIRED, false);
        }

        static Field readOnly(String name) {
            return new Field(name, ANYTHING, Presence.READ_ONLY, false);
        }

        /** A read-only field whose value has a shape that differs between api-versions, for shaping responses. */
        static Field readOnly(String name, Shape shape) {
            return new Field(name, shape, Presence.READ_ONLY, false);
        }

        /** An {@code x-ms-secret} string (or one the contract notes call sensitive): never echoed, logged or stored. */
        static Field secret(String name) {
            return new Field(name, TEXT, Presence.OPTIONAL, true);
        }
    }

    enum Presence { OPTIONAL, REQUIRED, READ_ONLY }
}

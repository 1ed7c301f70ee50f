package io.amlcompute.provisioner.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role assignment declared in a Bicep file, resolved within that file: which role (the definition id, also when
 * it sits in a var), on which resource (the {@code scope} symbol), for which principal, under which condition.
 */
record RoleAssignment(BicepFile file, String symbol, String roleId, BicepFile.Resource scope, String principal,
                      String condition) {

    static final String TYPE = "Microsoft.Authorization/roleAssignments";
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_]\\w*\\b");

    /** Every role assignment in these files. */
    static List<RoleAssignment> in(List<BicepFile> files) {
        List<RoleAssignment> all = new ArrayList<>();
        for (BicepFile file : files) {
            for (BicepFile.Resource r : file.resourcesOfType(TYPE)) {
                String where = file.path().getFileName() + " " + r.symbol();
                String roleExpression = r.expr("properties.roleDefinitionId")
                        .orElseThrow(() -> new AssertionError(where + " has no roleDefinitionId"));
                all.add(new RoleAssignment(file, r.symbol(), roleId(file, roleExpression, where),
                        scope(file, r, where), r.expr("properties.principalId").orElse(""), r.condition()));
            }
        }
        return all;
    }

    /**
     * The resource the assignment's {@code scope} names; without one, an assignment in a subscription-scoped file
     * applies to the subscription itself, shown as a {@value #SUBSCRIPTION} resource named {@code subscription()}.
     */
    private static BicepFile.Resource scope(BicepFile file, BicepFile.Resource assignment, String where) {
        return assignment.expr("scope").map(file::resource).orElseGet(() -> {
            if (!file.targetScope().equals("subscription")) {
                throw new AssertionError(where + " has no scope");
            }
            return new BicepFile.Resource("subscription()", SUBSCRIPTION, null, true, null,
                    (BicepValue.Obj) BicepValue.parse("{\n  name: subscription().subscriptionId\n}", where));
        });
    }

    /** The type of the scope of an assignment made at the subscription. */
    static final String SUBSCRIPTION = "Microsoft.Resources/subscriptions";

    /**
     * The role definition id written in the expression, or in the var it names; for a custom role, whose id the
     * deployment computes ({@code guid(...)} in a var), {@value #CUSTOM} and the var's expression.
     */
    private static String roleId(BicepFile file, String expression, String where) {
        Matcher literal = GUID.matcher(expression);
        if (literal.find()) {
            return literal.group().toLowerCase();
        }
        Matcher names = IDENTIFIER.matcher(expression);
        while (names.find()) {
            Optional<String> var = file.findVar(names.group());
            Optional<Matcher> inVar = var.map(GUID::matcher).filter(Matcher::find);
            if (inVar.isPresent()) {
                return inVar.get().group().toLowerCase();
            }
            if (var.isPresent() && var.get().startsWith("guid(")) {
                return CUSTOM + var.get();
            }
        }
        throw new AssertionError(where + ": no role definition id in " + expression);
    }

    static final String CUSTOM = "custom role ";

    boolean isRole(BuiltInRole role) {
        return roleId.equals(role.id());
    }

    String where() {
        return file.path().getFileName() + " " + symbol;
    }
}

package io.amlcompute.provisioner.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Bicep reader the infrastructure tests stand on reads what they rely on, and nothing from comments. */
class BicepFileTest {

    @TempDir
    Path dir;

    private BicepFile read(String text) throws IOException {
        Path file = dir.resolve("sample.bicep");
        Files.writeString(file, text);
        return BicepFile.read(file);
    }

    @Test
    void readsParamDefaultsWithNestedQuotesInInterpolations() throws IOException {
        BicepFile file = read("""
                @description('a // not a comment')
                param queueName string = 'compute-requests' // trailing comment
                param ids array = []
                var keys = map(ids, id => '${split(id, '/')[2]}/${last(split(id, '/'))}')
                """);
        assertThat(file.param("queueName").defaultValue()).isEqualTo("'compute-requests'");
        assertThat(file.param("ids").type()).isEqualTo("array");
        assertThat(file.var("keys")).isEqualTo("map(ids, id => '${split(id, '/')[2]}/${last(split(id, '/'))}')");
    }

    @Test
    void readsNestedObjectsArraysAndQuotedKeys() throws IOException {
        BicepFile file = read("""
                resource site 'Microsoft.Web/sites@2024-04-01' = {
                  name: name
                  tags: union(tags, {
                    'azd-service-name': serviceName
                  })
                  identity: {
                    userAssignedIdentities: {
                      '${identityId}': {}
                    }
                  }
                  properties: {
                    alwaysReady: [
                      {
                        name: 'durable'
                        instanceCount: 1
                      }
                    ]
                  }
                }
                """);
        BicepFile.Resource site = file.resource("site");
        assertThat(site.type()).isEqualTo("Microsoft.Web/sites");
        assertThat(site.apiVersion()).isEqualTo("2024-04-01");
        assertThat(site.body().object("identity.userAssignedIdentities").orElseThrow().entries())
                .containsKey("${identityId}");
        BicepValue.Obj group = (BicepValue.Obj) site.body().array("properties.alwaysReady").orElseThrow().items().get(0);
        assertThat(group.text("name")).contains("durable");
        assertThat(site.expr("tags")).hasValueSatisfying(t -> assertThat(t).contains("'azd-service-name'"));
    }

    @Test
    void readsConditionsLoopsAndIgnoresCommentedOutCode() throws IOException {
        BicepFile file = read("""
                /* resource gone 'Microsoft.Storage/storageAccounts@2023-05-01' = {
                  name: 'x'
                } */
                // var listed = listKeys(x, '2023-05-01')
                module access 'app/access.bicep' = [for id in ids: if (grant) {
                  name: 'access-${uniqueString(id)}'
                  scope: resourceGroup(split(id, '/')[2], split(id, '/')[4])
                }]
                resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (kind == 'a') {
                  scope: target
                }
                """);
        assertThat(file.resources()).extracting(BicepFile.Resource::symbol).containsExactly("reader");
        assertThat(file.resource("reader").condition()).isEqualTo("kind == 'a'");
        assertThat(file.code()).doesNotContain("listKeys");
        BicepFile.Module access = file.module("app/access.bicep");
        assertThat(access.loop()).isEqualTo("id in ids");
        assertThat(access.condition()).isEqualTo("grant");
        assertThat(access.body().expr("scope")).contains("resourceGroup(split(id, '/')[2], split(id, '/')[4])");
    }
}

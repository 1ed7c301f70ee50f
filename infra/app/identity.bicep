// The one identity the function app runs as. User-assigned, so its client id can be written into app settings
// (…__clientId, AZURE_CLIENT_ID) and its roles exist before the app first starts.

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId

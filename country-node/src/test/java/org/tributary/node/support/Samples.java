package org.tributary.node.support;

/** Request bodies shared by the integration tests. */
public final class Samples {

    private Samples() {}

    public static String caseJson(String ref) {
        return """
                {"externalRef":"%s","registeredOn":"2024-03-01","traffickingStatus":"ActualVictimOfTrafficking",
                 "caseStatus":"Active","gender":"Feminine","ageAtIdentification":16,"citizenship":["KH"],
                 "countryOfExploitation":"TH","exploitationTypes":["ForcedLabour","SexualExploitation"],
                 "labourIndustry":"A_AgricultureForestryAndFishing","relationshipToTrafficker":"Unaquainted",
                 "personal":{"firstName":"Srey","secondName":"Mom","birthDate":"2008-02-03","mobilePhone":"+855 12 345 678"},
                 "assistance":[{"serviceType":"Shelter","stage":"Destination","status":"Received","startDate":"2024-03-02"}],
                 "followUps":[{"date":"2024-09-01","outcome":"stable","rssComposite":0.72}],
                 "referrals":[{"direction":"Outgoing","date":"2024-03-05","organisation":"NGO X","crossBorder":true}]}
                """.formatted(ref);
    }
}

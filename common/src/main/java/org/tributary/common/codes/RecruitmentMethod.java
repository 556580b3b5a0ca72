package org.tributary.common.codes;

/** HTCDS {@code vic_MethodOfRecruitment} (multi-select). */
public enum RecruitmentMethod implements CodeList {
    AtAPlaceOfBusiness,
    AtAnEducationalInstitution,
    AtWork,
    ThroughOnlineSocialNetworks,
    ThroughAnOnlineAdvertisement,
    ThroughATelevisionAdvert,
    ThroughANewspaperAdvert,
    ThroughFamilyOrFamilyEvents,
    ThroughFriendsOrSocialEvents,
    Other;
}

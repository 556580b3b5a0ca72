package org.tributary.common.codes;

/** HTCDS {@code vic_ForcedLabourIndustry}: ISIC Rev. 4 sections A to U. */
public enum LabourIndustry implements CodeList {
    A_AgricultureForestryAndFishing,
    B_MiningAndQuarrying,
    C_Manufacturing,
    D_ElectricityGasSteamAndAirConditioningSupply,
    E_WaterSupplySewerageWasteManagement,
    F_Construction,
    G_WholesaleAndRetailTradeRepairOfMotorVehicles,
    H_TransportationAndStorage,
    I_AccommodationAndFoodServiceActivities,
    J_InformationAndCommunication,
    K_FinancialAndInsuranceActivities,
    L_RealEstateActivities,
    M_ProfessionalScientificAndTechnicalActivities,
    N_AdministrativeAndSupportServiceActivities,
    O_PublicAdministrationAndDefence,
    P_Education,
    Q_HumanHealthAndSocialWorkActivities,
    R_ArtsEntertainmentAndRecreation,
    S_OtherServiceActivities,
    T_ActivitiesOfHouseholdsAsEmployers,
    U_ActivitiesOfExtraterritorialOrganizations;
}

# `cmake --install`: programs, data, the core libraries with a CMake package (find_package(ChainAtlas)),
# and a Debian package through CPack (`cpack -G DEB` in the build folder).
include(CMakePackageConfigHelpers)

set(CHAINATLAS_PROGRAMS chainatlas)
if(TARGET chainatlas-viewer)
  list(APPEND CHAINATLAS_PROGRAMS chainatlas-viewer)
endif()
install(TARGETS ${CHAINATLAS_PROGRAMS} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/chainatlas/assets)
install(DIRECTORY chains/ DESTINATION ${CMAKE_INSTALL_DATADIR}/chainatlas/chains)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CHAINATLAS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/ChainAtlas)
get_property(chainatlas_areas GLOBAL PROPERTY CHAINATLAS_AREA_TARGETS)
install(TARGETS ${chainatlas_areas} chainatlas_core EXPORT ChainAtlasTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY core/include/chainatlas DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT ChainAtlasTargets NAMESPACE chainatlas:: DESTINATION ${CHAINATLAS_CMAKE_DIR})
configure_package_config_file(cmake/ChainAtlasConfig.cmake.in ${PROJECT_BINARY_DIR}/ChainAtlasConfig.cmake
                              INSTALL_DESTINATION ${CHAINATLAS_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/ChainAtlasConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/ChainAtlasConfig.cmake ${PROJECT_BINARY_DIR}/ChainAtlasConfigVersion.cmake
        DESTINATION ${CHAINATLAS_CMAKE_DIR})

set(CPACK_PACKAGE_NAME chainatlas)
set(CPACK_PACKAGE_VENDOR "ChainAtlas")
set(CPACK_PACKAGE_CONTACT "ChainAtlas developers <chainatlas@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Industry-chain graph explorer for investment-promotion planners (产业链招商)")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# Shared-library dependencies come from dpkg-shlibdeps; what is loaded at run time without linking
# (a CJK font, Graphviz's layout plugins, Mesa's software OpenGL) is named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-wqy-microhei | fonts-noto-cjk, libgvc6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libgl1-mesa-dri")
include(CPack)
